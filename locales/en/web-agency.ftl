# The agency's pages.
