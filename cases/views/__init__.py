"""The pages of the cases app, one module per noun."""
