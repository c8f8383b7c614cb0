# The migrant's pages.
