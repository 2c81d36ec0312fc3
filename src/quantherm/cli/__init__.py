"""The `quantherm` command (a thin face over the library: no physics here)."""
