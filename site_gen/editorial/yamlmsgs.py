"""PyYAML's own problem and context texts, as templates for the kk and ru catalogs.

Where it sits: ``site_gen.content.yamlread`` reports a YAML syntax error as
"invalid YAML: <PyYAML's text>" (English, the reference). When ``site-gen check`` speaks
Kazakh or Russian, ``site_gen.editorial.checkmsgs`` matches the outer message, then the
inner text against these templates (the finite set PyYAML raises in ``yaml/scanner.py``,
``parser.py``, ``composer.py``, ``constructor.py`` and ``reader.py``, with ``%r``/``%s``/``%d``
written as ``{char}``, ``{token}``, ``{node}``, ``{n}``...), so no message comes out half
English. A token's name (``'<block end>'``) is a template too, translated inside
"but found {token}". ``tests/unit/test_yaml_messages.py`` reads PyYAML's sources and fails
when PyYAML says something these templates do not cover.
"""

from __future__ import annotations

from .i18n import N_

YAML_TEMPLATES: tuple[str, ...] = (
    # scanner.py: problems
    N_("could not find expected ':'"),
    N_("expected ' ', but found {char}"),
    N_("expected '!', but found {char}"),
    N_("expected '>', but found {char}"),
    N_("expected URI escape sequence of 2 hexadecimal numbers, but found {char}"),
    N_("expected URI, but found {char}"),
    N_("expected a comment or a line break, but found {char}"),
    N_("expected a digit or ' ', but found {char}"),
    N_("expected a digit or '.', but found {char}"),
    N_("expected a digit, but found {char}"),
    N_("expected alphabetic or numeric character, but found {char}"),
    N_("expected chomping or indentation indicators, but found {char}"),
    N_("expected escape sequence of {n} hexadecimal numbers, but found {char}"),
    N_("expected indentation indicator in the range 1-9, but found 0"),
    N_("found character {char} that cannot start any token"),
    N_("found unexpected document separator"),
    N_("found unexpected end of stream"),
    N_("found unknown escape character {char}"),
    N_("invalid indentation or unclosed '[' or '{'"),
    N_("mapping keys are not allowed here"),
    N_("mapping values are not allowed here"),
    N_("sequence entries are not allowed here"),
    # scanner.py: contexts
    N_("while parsing a tag"),
    N_("while parsing a directive"),
    N_("while scanning a block scalar"),
    N_("while scanning a directive"),
    N_("while scanning a double-quoted scalar"),
    N_("while scanning a quoted scalar"),
    N_("while scanning a simple key"),
    N_("while scanning a tag"),
    N_("while scanning a plain scalar"),
    N_("while scanning an alias"),
    N_("while scanning an anchor"),
    N_("while scanning for the next token"),
    # parser.py
    N_("duplicate tag handle {char}"),
    N_("expected ',' or ']', but got {token}"),
    N_("expected ',' or '}}', but got {token}"),
    N_("expected '<document start>', but found {token}"),
    N_("expected <block end>, but found {token}"),
    N_("expected the node content, but found {token}"),
    N_("found duplicate YAML directive"),
    N_("found incompatible YAML document (version 1.* is required)"),
    N_("found non-specific tag '!'"),
    N_("found undefined tag handle {char}"),
    N_("while parsing a block node"),
    N_("while parsing a flow node"),
    N_("while parsing a block collection"),
    N_("while parsing a block mapping"),
    N_("while parsing a flow mapping"),
    N_("while parsing a flow sequence"),
    N_("while parsing a node"),
    # composer.py
    N_("but found another document"),
    N_("expected a single document in the stream"),
    N_("found duplicate anchor {char}; first occurrence"),
    N_("second occurrence"),
    N_("found undefined alias {char}"),
    N_("while composing a mapping"),
    # constructor.py
    N_("found duplicate key"),
    N_("found unhashable key"),
    N_("found unconstructable recursive node"),
    N_("could not determine a constructor for the tag {char}"),
    N_("expected a mapping node, but found {node}"),
    N_("expected a scalar node, but found {node}"),
    N_("expected a sequence node, but found {node}"),
    N_("expected a mapping for merging, but found {node}"),
    N_("expected a mapping or list of mappings for merging, but found {node}"),
    N_("expected a mapping of length 1, but found {node}"),
    N_("expected a sequence, but found {node}"),
    N_("expected a single mapping item, but found {n} items"),
    N_("expected a class, but found {char}"),
    N_("expected non-empty name appended to the tag"),
    N_("expected the empty value, but found {char}"),
    N_("failed to convert base64 data into ascii: {reason}"),
    N_("failed to decode base64 data: {reason}"),
    N_("cannot find {char} in the module {module}"),
    N_("cannot find module {module} ({reason})"),
    N_("module {module} is not imported"),
    N_("blacklisted key '{key}' in instance state found"),
    N_("while constructing a Python instance"),
    N_("while constructing a Python module"),
    N_("while constructing a Python name"),
    N_("while constructing a Python object"),
    N_("while constructing a mapping"),
    N_("while constructing an ordered map"),
    N_("while constructing pairs"),
    # reader.py
    N_("special characters are not allowed"),
    # token names (repr) inside "but found {token}"
    N_("'<block end>'"),
    N_("'<scalar>'"),
    N_("'<block mapping start>'"),
    N_("'<block sequence start>'"),
    N_("'<document start>'"),
    N_("'<document end>'"),
    N_("'<stream start>'"),
    N_("'<stream end>'"),
    N_("'<directive>'"),
    N_("'<alias>'"),
    N_("'<anchor>'"),
    N_("'<tag>'"),
)
