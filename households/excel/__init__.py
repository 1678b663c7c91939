"""Excel files of the registry: the import template, the import itself, and list exports."""
