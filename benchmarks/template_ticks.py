"""A tick in a YAML template's policy, saved: the template's own ARNs worked out, the new
statement written as lines of its YAML, the result read again to check it.

Run: .venv/bin/python benchmarks/template_ticks.py
Templates of about 10, 100 and 300 KB (one policy, `!Sub` ARNs with distinct user IDs): time
per KB must stay flat (linear). Baselines, same run: reading such a template once with
PyYAML's pure-Python composer (what every read cost before libyaml's) and with libyaml's, the
one `yaml_tree` uses when PyYAML has it. Also printed: how many times the gesture read a
template (open, tick, save: the template and the result, each once).
"""

from __future__ import annotations

import gc
import time

import yaml

from editor.core.export import yaml_tree
from editor.core.export.containers import find_container, write_back
from editor.core.policy import editing

HEAD = """\
AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  AppInstanceId:
    Type: String
Resources:
  ChatPolicy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
"""
SUB = "!Sub 'arn:aws:chime:${AWS::Region}:${AWS::AccountId}:app-instance/${AppInstanceId}"


def template(kilobytes: int, salt: str) -> str:
    parts = [HEAD]
    size, i = len(HEAD), 0
    while size < kilobytes * 1024:
        statement = (
            f"          - Sid: Users{salt}{i}\n"
            "            Effect: Allow\n"
            "            Action:\n"
            "              - chime:SendChannelMessage\n"
            "            Resource:\n"
            f"              - {SUB}/user/{salt}-{i}'\n"
            f"              - {SUB}/channel/{salt}-{i}'\n"
        )
        parts.append(statement)
        size += len(statement)
        i += 1
    return "".join(parts)


def tick_and_save(text: str) -> str:
    container = find_container(text, "stack.yaml")
    assert container is not None
    embedded = container.policies[0]
    state = editing.new_state(embedded.text)
    ticked = editing.with_actions(state, state.actions | {"DescribeAppInstance"}, ())
    return write_back(text, embedded, ticked.text)


def read_once(text: str, loader: type) -> float:
    """Milliseconds to read `text` into the checks' tree with `loader` (garbage from the
    runs before collected first: a collection inside the read was most of its time)."""
    gc.collect()
    start = time.perf_counter()
    document = yaml.compose(text, Loader=loader)
    assert isinstance(document, yaml.MappingNode)
    yaml_tree._convert(document, text)
    return (time.perf_counter() - start) * 1e3


def main() -> None:
    tick_and_save(template(1, "w"))  # the catalog and readers loaded: not counted
    fast = yaml_tree.loader("")
    print(f"yaml_tree reads with {fast.__name__}")
    for size in (10, 100, 300):
        ticks = template(size, "t")
        kb = len(ticks) / 1024
        reads = yaml_tree._read.cache_info().misses
        start = time.perf_counter()
        saved = tick_and_save(ticks)
        tick = (time.perf_counter() - start) * 1e3
        reads = yaml_tree._read.cache_info().misses - reads
        assert saved.startswith(ticks) and "- chime:DescribeAppInstance\n" in saved[len(ticks) :]
        pure = read_once(template(size, "p"), yaml.SafeLoader)
        libyaml = read_once(template(size, "c"), fast)
        print(
            f"tick + save, {kb:,.0f} KB template: {tick:.0f} ms ({tick / kb:.1f} ms/KB), "
            f"{reads} reads; one read of such a template: pure-Python {pure:.0f} ms "
            f"({tick / pure:.2f}x), {fast.__name__} {libyaml:.0f} ms ({tick / libyaml:.1f}x)"
        )


if __name__ == "__main__":
    main()
