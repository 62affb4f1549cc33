"""The smallest typer command: the start-up baseline of `bench/run.py` (scenario `startup`).

Run with the Python of jdiplo's environment, so both pay for the same interpreter and typer.
"""

import typer

app = typer.Typer()


@app.command()
def hello(name: str = "world") -> None:
    """Say hello."""
    typer.echo(f"Hello {name}")


if __name__ == "__main__":
    app()
