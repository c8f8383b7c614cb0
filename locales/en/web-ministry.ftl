# The ministry's pages.
