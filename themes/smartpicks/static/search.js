// The search client (docs/search.md) lands with the search page.
