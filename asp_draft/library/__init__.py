"""The clause library: loading and writing its files, facts and bodies, assembling and rolling a
draft from it, adopting and importing resolutions into it, templates, and the spec's YAML."""
