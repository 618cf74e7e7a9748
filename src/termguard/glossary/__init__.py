"""The concept-oriented kk/ru/th/en term base: model, reading, validation and formats."""
