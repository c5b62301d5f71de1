"""Executes a notebook headless with nbclient and writes the executed copy (argv: in, out, kernel)."""
import sys

import nbclient
import nbformat

source, target, kernel = sys.argv[1:4]
notebook = nbformat.read(source, as_version=4)
client = nbclient.NotebookClient(
    notebook,
    kernel_name=kernel,
    timeout=600,
    # A loaded machine can deliver a cell's outputs seconds after its reply; nbclient's default
    # (4 s, then silently drop them) would lose them.
    iopub_timeout=120,
    raise_on_iopub_timeout=True,
    resources={"metadata": {"path": sys.argv[4]}},
)
client.execute()
nbformat.write(notebook, target)
