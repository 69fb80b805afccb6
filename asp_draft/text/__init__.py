"""The structure of a resolution's text: its parts, head lines, labels, leading words, marks
and words, worked out from plain lines whatever format they came from."""
