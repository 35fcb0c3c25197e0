"""Hypothesis strategies for hostile Markdown: link, attribute and raw-HTML syntax around
payloads that open a dialog when they run (``alert(N)``), in the shapes that got past the
old regex sanitizers (a URL on the next line, nested or broken brackets, text over two
lines, fences, escaped backticks, ``<`` inside attributes, entities, tabs)."""

from __future__ import annotations

from hypothesis import strategies as st

SCHEMES = ["javascript:", "JaVaScRiPt:", "java\tscript:", "java&#9;script:", "&#106;avascript:",
           "javascript&colon;", " javascript:", "vbscript:", "data:text/html,<script>",
           "jav&#x0A;ascript:", "\\javascript:", "javascript&#58;"]
WORDS = ["сілтеме", "ссылка", "a [b] c", "бір\nекі", "x", "`код`", "\\`", "<", "*",
         "![сурет](/images/a.png)"]


@st.composite
def payload(draw: st.DrawFn) -> str:
    return draw(st.sampled_from(SCHEMES)) + f"alert({draw(st.integers(1, 999))})"


@st.composite
def link(draw: st.DrawFn) -> str:
    text = draw(st.sampled_from(WORDS))
    url = draw(payload())
    shape = draw(st.integers(0, 9))
    if shape == 0:
        return f"[{text}]({url})"
    if shape == 1:
        return f"[{text}](<{url}> \"t\")"
    if shape == 2:
        return f"[{text}][r{shape}]\n\n[r{shape}]:\n    {url}\n"
    if shape == 3:
        return f"[{text}][]\n\n[{text}]: {url}\n"
    if shape == 4:
        return f"<{url}>"
    if shape == 5:
        return f"![{text}]({url})"
    if shape == 6:
        return f"[{text}](https://example.kz){{: href=\"{url}\" }}"
    if shape == 7:
        return f"[{text}](/x/){{: onclick=\"alert({len(text)})\" #id .c }}"
    if shape == 8:
        return f"~~~ [{text}]({url})\n~~~"
    return f"\\`[{text}]({url})\\`"


@st.composite
def raw_html(draw: st.DrawFn) -> str:
    url = draw(payload())
    tag = draw(st.sampled_from(["a", "img", "div", "details", "p", "span", "svg", "iframe",
                                "object", "form", "math", "table", "section"]))
    attr = draw(st.sampled_from(["href", "src", "onclick", "onerror", "ontoggle", "onload",
                                 "action", "data", "srcdoc", "style", "xlink:href",
                                 "formaction", "id", "class"]))
    before = draw(st.sampled_from(["", 'title="<" ', "title='>' ", "a=b ", "\n", "/"]))
    quote = draw(st.sampled_from(['"', "'", ""]))
    value = url if attr not in ("onclick", "onerror", "ontoggle", "onload") else \
        f"alert({draw(st.integers(1, 999))})"
    if attr == "id":
        value = draw(st.sampled_from(["__config", "__search", "md-x", "ok"]))
    if not quote:
        value = value.replace(" ", "").replace("\t", "").replace("\n", "")
    inner = draw(st.sampled_from(["x", "<script>alert(9)</script>", "**b**", ""]))
    opened = f"<{tag} {before}{attr}={quote}{value}{quote}>"
    wrap = draw(st.sampled_from(["{}", "<div markdown>\n{}\n</div>", "`{}`", "> {}",
                                 "- {}", "| a |\n|---|\n| {} |"]))
    return wrap.format(f"{opened}{inner}</{tag}>")


def body() -> st.SearchStrategy[str]:
    """A body of a few blocks, each a link shape, raw HTML or a plain sentence."""
    block = st.one_of(link(), raw_html(), st.sampled_from(["Мәтін.", "Текст.", "# Тақырып",
                                                           "    <script>code</script>"]))
    joiner = st.sampled_from(["\n\n", "\n", " "])
    return st.lists(st.tuples(block, joiner), min_size=1, max_size=5).map(
        lambda parts: "".join(b + j for b, j in parts).rstrip() + "\n")
