"""Executes a notebook headless with nbclient and writes the executed copy (argv: in, out, kernel, cwd).

Deno's Jupyter kernel can publish a cell's result after it has reported the cell idle. nbclient
stops listening for a cell at idle and discards messages whose parent is another cell, so such a
result would be lost at random (more often on a loaded machine). This client keeps every executed
cell addressable by its request id and files a late message under the cell it belongs to; a
final cell that waits half a second gives the last cell's late messages time to arrive.
"""
import sys

import nbclient
import nbformat
from nbclient.exceptions import CellExecutionComplete
from nbclient.util import ensure_async


class LateOutputClient(nbclient.NotebookClient):
    """A NotebookClient that files late iopub messages under the cell that sent them."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.cells_by_request = {}

    async def _async_poll_output_msg(self, parent_msg_id, cell, cell_index):
        self.cells_by_request[parent_msg_id] = (cell, cell_index)
        while True:
            msg = await ensure_async(self.kc.iopub_channel.get_msg(timeout=None))
            parent = msg["parent_header"].get("msg_id")
            if parent == parent_msg_id:
                try:
                    self.process_message(msg, cell, cell_index)
                except CellExecutionComplete:
                    return
            elif parent in self.cells_by_request:
                late_cell, late_index = self.cells_by_request[parent]
                try:
                    self.process_message(msg, late_cell, late_index)
                except CellExecutionComplete:
                    pass


source, target, kernel = sys.argv[1:4]
notebook = nbformat.read(source, as_version=4)
notebook.cells.append(nbformat.v4.new_code_cell("await new Promise((r) => setTimeout(r, 500));"))
client = LateOutputClient(
    notebook,
    kernel_name=kernel,
    timeout=600,
    resources={"metadata": {"path": sys.argv[4]}},
)
client.execute()
notebook.cells.pop()
nbformat.write(notebook, target)
