"""Policies out to other formats (JSON, CloudFormation, Terraform, AWS CLI) and in from
containers (templates). May import editor.core.text, json, catalog, policy and lint."""
