"""Run the engine tests once per CPU kernel family CTranslate2 can use on this machine.

CTranslate2 picks its int8 kernels by CPU: Intel MKL on Intel processors, oneDNN elsewhere (AMD),
each dispatching on the instruction sets the CPU has (SSE4.1, AVX, AVX2, AVX-512, VNNI). The same
tiny model then gives slightly different scores, and now and then a different best candidate, on
another machine. Environment variables force each family, so one machine runs the tests as an
Intel AVX2 laptop, an AMD EPYC server or an old SSE-only box would:

  CT2_FORCE_CPU_ISA        CTranslate2's own kernels (GENERIC, AVX, AVX2, AVX512)
  CT2_USE_MKL=0            oneDNN instead of MKL for int8 GEMM, as on a non-Intel CPU
  ONEDNN_MAX_CPU_ISA       the highest instruction set oneDNN may use (SSE41, AVX2, AVX512_CORE)
  MKL_ENABLE_INSTRUCTIONS  the same for MKL (SSE4_2, AVX2)

Variants the CPU cannot run are skipped and named. Usage:

  python scripts/cpu_variants.py [--list] [-- PYTEST ARGS]     (default: -m engine)
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Variant:
    name: str
    like: str
    env: dict[str, str]
    needs: frozenset[str] = field(default_factory=frozenset)  # /proc/cpuinfo flags


def _v(name: str, like: str, needs: str = "", **env: str) -> Variant:
    return Variant(name, like, env, frozenset(needs.split()))


X86 = [
    _v(
        "mkl-avx512",
        "Intel Xeon with AVX-512 (MKL)",
        "avx512f",
        CT2_USE_MKL="1",
        CT2_FORCE_CPU_ISA="AVX512",
    ),
    _v(
        "mkl-avx2",
        "Intel Core with AVX2 (MKL)",
        "avx2",
        CT2_USE_MKL="1",
        CT2_FORCE_CPU_ISA="AVX2",
        MKL_ENABLE_INSTRUCTIONS="AVX2",
    ),
    _v(
        "mkl-avx",
        "older Intel with AVX (MKL)",
        "avx",
        CT2_USE_MKL="1",
        CT2_FORCE_CPU_ISA="AVX",
        MKL_ENABLE_INSTRUCTIONS="SSE4_2",
    ),
    _v(
        "mkl-generic",
        "any x86-64, CTranslate2's generic kernels",
        "sse4_1",
        CT2_USE_MKL="1",
        CT2_FORCE_CPU_ISA="GENERIC",
        MKL_ENABLE_INSTRUCTIONS="SSE4_2",
    ),
    _v(
        "dnnl-avx512-vnni",
        "AMD Zen 4 (oneDNN, AVX-512 VNNI)",
        "avx512f avx512_vnni",
        CT2_USE_MKL="0",
        CT2_FORCE_CPU_ISA="AVX512",
    ),
    _v(
        "dnnl-avx512",
        "AVX-512 without VNNI (oneDNN)",
        "avx512f",
        CT2_USE_MKL="0",
        CT2_FORCE_CPU_ISA="AVX512",
        ONEDNN_MAX_CPU_ISA="AVX512_CORE",
    ),
    _v(
        "dnnl-avx2",
        "AMD EPYC Zen 2/3 (oneDNN, AVX2)",
        "avx2",
        CT2_USE_MKL="0",
        CT2_FORCE_CPU_ISA="AVX2",
        ONEDNN_MAX_CPU_ISA="AVX2",
    ),
    _v(
        "dnnl-sse41",
        "x86-64 with SSE4.1 only (oneDNN)",
        "sse4_1",
        CT2_USE_MKL="0",
        CT2_FORCE_CPU_ISA="GENERIC",
        ONEDNN_MAX_CPU_ISA="SSE41",
    ),
]
ARM = [
    _v("neon", "ARM64 with NEON (Ruy)", CT2_FORCE_CPU_ISA="NEON"),
    _v("arm-generic", "ARM64, generic kernels", CT2_FORCE_CPU_ISA="GENERIC"),
]


def cpu_flags() -> set[str]:
    """The CPU's feature flags as Linux lists them (empty where /proc/cpuinfo is not there)."""
    try:
        text = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return set()
    for line in text.splitlines():
        if line.startswith(("flags", "Features")):
            return set(line.split(":", 1)[1].split())
    return set()


def variants() -> tuple[list[Variant], list[Variant]]:
    """(runnable, skipped) variants for this machine."""
    machine = platform.machine().lower()
    if machine in ("x86_64", "amd64"):
        flags = cpu_flags()
        # CTranslate2's x86-64 wheels carry MKL and oneDNN; MKL is forced for the Intel variants
        # so that an AMD machine runs them too.
        candidates = X86
        return (
            [v for v in candidates if v.needs <= flags],
            [v for v in candidates if not v.needs <= flags],
        )
    if machine in ("aarch64", "arm64"):
        return ARM, []
    return [_v("default", f"this {machine} CPU")], []


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", action="store_true", help="list the variants and exit")
    parser.add_argument("pytest_args", nargs="*", help="arguments for pytest (after --)")
    args = parser.parse_args()
    runnable, skipped = variants()
    if args.list:
        for v in runnable:
            print(f"{v.name:18} {v.like:45} {' '.join(f'{k}={x}' for k, x in v.env.items())}")
        for v in skipped:
            print(f"{v.name:18} (this CPU lacks {' '.join(sorted(v.needs))})")
        return 0
    # Only the modules that carry the marker are collected: collecting the whole suite eight
    # times costs more than the engine tests themselves.
    marked = sorted(
        str(p.relative_to(ROOT))
        for p in (ROOT / "tests").glob("test_*.py")
        if "pytest.mark.engine" in p.read_text(encoding="utf-8")
    )
    pytest_args = args.pytest_args or ["-m", "engine", *marked]
    failed = []
    rows = []
    for v in runnable:
        env = {k: x for k, x in os.environ.items() if not k.startswith(("CT2_", "ONEDNN_"))}
        env.pop("MKL_ENABLE_INSTRUCTIONS", None)
        env.update(v.env)
        started = time.perf_counter()
        proc = subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *pytest_args],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
        )
        took = time.perf_counter() - started
        summary = (proc.stdout.strip().splitlines() or ["(no output)"])[-1]
        rows.append(f"{v.name:18} {summary}  [{took:.1f} s]  {v.like}")
        if proc.returncode != 0:
            failed.append(v.name)
            sys.stdout.write(proc.stdout[-6000:])
            sys.stderr.write(proc.stderr[-3000:])
    print("engine tests per CPU kernel family:")
    print("\n".join(rows))
    for v in skipped:
        print(f"{v.name:18} skipped: this CPU lacks {' '.join(sorted(v.needs))} ({v.like})")
    if failed:
        print(f"FAILED under: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
