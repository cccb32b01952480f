"""Staff operations that need no screen: plain Python, no Qt."""
