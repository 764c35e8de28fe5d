"""A tick in a YAML template's policy, saved: the template's own ARNs worked out, the new
statement written as lines of its YAML, the result read again to check it.

Run: .venv/bin/python benchmarks/template_ticks.py
Templates of about 10, 100 and 300 KB (one policy, `!Sub` ARNs with distinct user IDs): time
per KB must stay flat (linear). Baseline, same run: `yaml_tree.read` of the same template
(PyYAML's composer, which every save of a YAML template starts from).
"""

from __future__ import annotations

import time

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


def main() -> None:
    tick_and_save(template(1, "w"))  # the catalog and readers loaded: not counted
    for size in (10, 100, 300):
        ticks, reads = template(size, "t"), template(size, "r")
        kb = len(ticks) / 1024
        start = time.perf_counter()
        saved = tick_and_save(ticks)
        tick = (time.perf_counter() - start) * 1e3
        assert saved.startswith(ticks) and "- chime:DescribeAppInstance\n" in saved[len(ticks) :]
        start = time.perf_counter()
        yaml_tree.read(reads)
        read = (time.perf_counter() - start) * 1e3
        print(
            f"tick + save, {kb:,.0f} KB template: {tick:.0f} ms ({tick / kb:.1f} ms/KB); "
            f"yaml_tree.read of such a template {read:.0f} ms ({read / kb:.1f} ms/KB, "
            f"{tick / read:.1f}x)"
        )


if __name__ == "__main__":
    main()
