"""The letters app's pages, one module per noun."""
