"""The command line: the typer app and its shared options, console rendering, result files, and
one module per command group (commands/). Only this wing imports typer or rich, and only it
turns the core's errors into messages and exit codes."""
