"""Language selection and content-translation helpers."""
