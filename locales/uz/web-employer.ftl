# The employer's pages.
