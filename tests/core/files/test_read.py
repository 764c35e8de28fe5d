"""Reading policy files: only regular files, never more than the cap, whatever st_size says."""

import os
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from editor.core.files import MAX_BYTES, PolicyFileError, read_policy_file, read_policy_stream
from editor.core.files.read import _read_capped

POLICY = '{"Version": "2012-10-17", "Statement": []}\r\n'


def test_a_regular_file_is_read_with_its_line_endings(tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    path.write_bytes(POLICY.encode())
    assert read_policy_file(path) == POLICY


def test_a_link_to_a_regular_file_is_read(tmp_path: Path) -> None:
    (tmp_path / "p.json").write_bytes(POLICY.encode())
    (tmp_path / "link.json").symlink_to("p.json")
    assert read_policy_file(tmp_path / "link.json") == POLICY


def _read_in_a_child(path: Path) -> subprocess.CompletedProcess[str]:
    """In a child process with a deadline: a reader that blocks fails the test, not hangs it."""
    code = (
        "import sys\n"
        "from editor.core.files import PolicyFileError, read_policy_file\n"
        "try:\n"
        "    read_policy_file(sys.argv[1])\n"
        "except PolicyFileError as error:\n"
        "    print(error)\n"
    )
    return subprocess.run(
        [sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=30
    )


def test_a_named_pipe_with_no_writer_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "policy.json"
    os.mkfifo(fifo)
    result = _read_in_a_child(fifo)
    assert result.stdout == f"{fifo} is a named pipe (FIFO), not a policy file\n"


def test_a_link_to_a_named_pipe_is_refused(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "p.json").symlink_to("pipe")
    assert "named pipe" in _read_in_a_child(tmp_path / "p.json").stdout


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "/dev/null"])
def test_devices_are_refused_without_reading(device: str) -> None:
    with pytest.raises(PolicyFileError, match=f"^{device} is a device, not a policy file$"):
        read_policy_file(device)


def test_a_socket_is_refused(tmp_path: Path) -> None:
    server = socket.socket(socket.AF_UNIX)
    path = tmp_path / "s.json"
    server.bind(str(path))
    try:
        with pytest.raises(PolicyFileError, match="is a socket"):
            read_policy_file(path)
    finally:
        server.close()


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(PolicyFileError, match="is a folder"):
        read_policy_file(tmp_path)


def test_a_file_over_the_cap_is_refused_with_its_size(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    with path.open("wb") as handle:
        handle.truncate(MAX_BYTES + 1)
    with pytest.raises(PolicyFileError, match=r"big.json is 5.0 MB"):
        read_policy_file(path)


def test_what_is_read_is_counted_not_what_st_size_promised() -> None:
    """A pipe has no size: the counting reader stops at the cap while the writer goes on."""
    read_end, write_end = os.pipe()

    def flood() -> None:
        try:
            with os.fdopen(write_end, "wb") as out:
                for _ in range(MAX_BYTES // 65536 + 10):
                    out.write(b" " * 65536)
        except BrokenPipeError:
            pass

    writer = threading.Thread(target=flood)
    writer.start()
    try:
        with pytest.raises(PolicyFileError, match="larger than 5 MB"):
            _read_capped(read_end, "the pipe")
    finally:
        os.close(read_end)
        writer.join()


def test_the_stream_reader_caps_standard_input() -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys\nfrom editor.core.files import read_policy_stream\n"
            "print(len(read_policy_stream(sys.stdin.buffer)))",
        ],
        input=b" " * (MAX_BYTES + 1),
        capture_output=True,
        timeout=60,
    )
    assert b"standard input is larger than 5 MB" in result.stderr
    ok = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys\nfrom editor.core.files import read_policy_stream\n"
            "print(len(read_policy_stream(sys.stdin.buffer)))",
        ],
        input=b" " * MAX_BYTES,
        capture_output=True,
        timeout=60,
    )
    assert ok.stdout == f"{MAX_BYTES}\n".encode()


@pytest.mark.parametrize("name", ["nul\0.json", "\ud800.json"])
def test_a_name_no_file_can_have_is_a_clear_refusal(name: str) -> None:
    with pytest.raises(PolicyFileError, match="cannot be a file name on this system"):
        read_policy_file(name)


def test_a_stream_that_fails_is_a_clear_refusal(tmp_path: Path) -> None:
    with (tmp_path / "p.json").open("wb") as handle, pytest.raises(PolicyFileError):
        read_policy_stream(handle)  # type: ignore[arg-type]  # opened for writing only
