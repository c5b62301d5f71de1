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
    resources={"metadata": {"path": sys.argv[4]}},
)
client.execute()
nbformat.write(notebook, target)
