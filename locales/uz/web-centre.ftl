# The centre's pages.
