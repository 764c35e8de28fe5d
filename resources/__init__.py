"""Data package: the JSON files beside this module ship in the wheel as editor.resources."""
