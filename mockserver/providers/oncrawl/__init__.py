"""OnCrawl: session and OAuth2 tokens with scopes, projects and crawls on the clock, OQL search and exports."""
