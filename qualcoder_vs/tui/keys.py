"""Every key binding of the app, in one place, each with an id (for keymaps) and a description.

The help screen and the command palette are generated from these lists, so what they show is
what the keys do.
"""

from __future__ import annotations

from textual.binding import Binding

APP = [
    Binding("question_mark,f1", "app.help", "Help", id="app.help", key_display="?"),
    Binding("q", "app.quit", "Quit", id="app.quit"),
    Binding("f2", "app.sources", "Sources", id="app.sources"),
    Binding("f4", "app.quotes", "Quotes", id="app.quotes"),
    Binding("f5", "app.codebook", "Codebook", id="app.codebook"),
    Binding("f6", "app.matrix", "Matrix", id="app.matrix"),
    Binding("f7", "app.search_all", "Search all", id="app.search_all"),
    Binding("f8", "app.review", "Review", show=False, id="app.review"),
]

# Moving and selecting in the transcript; shift extends the selection.
TRANSCRIPT = [
    Binding("left", "move_char(-1)", "Character left", show=False, id="text.left"),
    Binding("right", "move_char(1)", "Character right", show=False, id="text.right"),
    Binding("shift+left", "move_char(-1, True)", "Extend left", show=False, id="text.x_left"),
    Binding("shift+right", "move_char(1, True)", "Extend right", show=False, id="text.x_right"),
    Binding("up", "move_row(-1)", "Line up", show=False, id="text.up"),
    Binding("down", "move_row(1)", "Line down", show=False, id="text.down"),
    Binding("shift+up", "move_row(-1, True)", "Extend up", show=False, id="text.x_up"),
    Binding("shift+down", "move_row(1, True)", "Extend down", show=False, id="text.x_down"),
    Binding("ctrl+left", "move_word(-1)", "Word left", show=False, id="text.word_left"),
    Binding("ctrl+right", "move_word(1)", "Word right", show=False, id="text.word_right"),
    Binding(
        "ctrl+shift+left", "move_word(-1, True)", "Extend word left", show=False, id="text.x_wl"
    ),
    Binding(
        "ctrl+shift+right", "move_word(1, True)", "Extend word right", show=False, id="text.x_wr"
    ),
    Binding(
        "alt+left,left_parenthesis",
        "move_sentence(-1)",
        "Sentence back",
        show=False,
        id="text.sentence_back",
    ),
    Binding(
        "alt+right,right_parenthesis",
        "move_sentence(1)",
        "Sentence forward",
        show=False,
        id="text.sentence_forward",
    ),
    Binding(
        "alt+shift+left",
        "move_sentence(-1, True)",
        "Extend sentence back",
        show=False,
        id="text.x_sb",
    ),
    Binding(
        "alt+shift+right",
        "move_sentence(1, True)",
        "Extend sentence forward",
        show=False,
        id="text.x_sf",
    ),
    Binding(
        "ctrl+up,left_curly_bracket", "move_turn(-1)", "Turn back", show=False, id="text.turn_back"
    ),
    Binding(
        "ctrl+down,right_curly_bracket",
        "move_turn(1)",
        "Turn forward",
        show=False,
        id="text.turn_forward",
    ),
    Binding("ctrl+shift+up", "move_turn(-1, True)", "Extend turn back", show=False, id="text.x_tb"),
    Binding(
        "ctrl+shift+down", "move_turn(1, True)", "Extend turn forward", show=False, id="text.x_tf"
    ),
    Binding("home", "line_edge(-1)", "Start of line", show=False, id="text.home"),
    Binding("end", "line_edge(1)", "End of line", show=False, id="text.end"),
    Binding("shift+home", "line_edge(-1, True)", "Extend to line start", show=False, id="text.x_h"),
    Binding("shift+end", "line_edge(1, True)", "Extend to line end", show=False, id="text.x_e"),
    Binding("ctrl+home", "document_edge(-1)", "Start of interview", show=False, id="text.top"),
    Binding("ctrl+end", "document_edge(1)", "End of interview", show=False, id="text.bottom"),
    Binding("pageup", "page(-1)", "Page up", show=False, id="text.page_up"),
    Binding("pagedown", "page(1)", "Page down", show=False, id="text.page_down"),
    Binding("shift+pageup", "page(-1, True)", "Extend page up", show=False, id="text.x_pu"),
    Binding("shift+pagedown", "page(1, True)", "Extend page down", show=False, id="text.x_pd"),
    Binding("s", "select_sentence", "Sentence", id="text.select_sentence"),
    Binding("t", "select_turn", "Turn", id="text.select_turn"),
    Binding("escape", "clear_selection", "Clear selection", show=False, id="text.clear"),
]

CODING = [
    Binding("enter,a", "apply", "Code", id="coding.apply", key_display="⏎"),
    *[
        Binding(
            str(n), f"apply_recent({n})", f"Recent code {n}", show=False, id=f"coding.recent{n}"
        )
        for n in range(1, 10)
    ],
    Binding("x,delete", "remove", "Uncode", id="coding.remove"),
    Binding("m", "memo", "Memo", id="coding.memo"),
    Binding("i", "important", "Important", id="coding.important"),
    Binding("o", "other_coding", "Next coding here", show=False, id="coding.other"),
    Binding("ctrl+z", "undo", "Undo", id="coding.undo"),
    Binding("ctrl+y", "redo", "Redo", show=False, id="coding.redo"),
    Binding("slash", "search", "Search", id="coding.search", key_display="/"),
    Binding("n", "search_next(1)", "Next hit", show=False, id="coding.search_next"),
    Binding("N", "search_next(-1)", "Previous hit", show=False, id="coding.search_previous"),
    Binding("u", "next_uncoded", "Next uncoded", id="coding.next_uncoded"),
    Binding("c", "next_of_code", "Next of code", show=False, id="coding.next_of_code"),
    Binding("v", "toggle_mine", "Mine/all", show=False, id="coding.toggle_mine"),
    Binding("f", "filter_codes", "Find code", show=False, id="coding.filter_codes"),
    Binding("y", "accept_suggestion", "Accept sugg.", show=False, id="coding.accept"),
    Binding("r", "reject_suggestion", "Reject sugg.", show=False, id="coding.reject"),
    Binding("escape", "back", "Back", show=False, id="coding.back"),
]

SOURCES = [
    Binding("enter", "open", "Open", id="sources.open", key_display="⏎"),
    Binding("slash,f", "filter", "Filter", id="sources.filter", key_display="/"),
    Binding("escape", "clear_filter", "Clear filter", show=False, id="sources.clear"),
]

QUOTES = [
    Binding("enter", "jump", "Go to quote", id="quotes.jump", key_display="⏎"),
    Binding("slash,f", "filter", "Filter", id="quotes.filter", key_display="/"),
    Binding("k", "choose_code", "Code/theme", id="quotes.choose"),
    Binding("escape", "back", "Back", id="quotes.back"),
]

CODEBOOK = [
    Binding("a", "add_code", "Add code", id="codebook.add"),
    Binding("A", "add_theme", "Add theme", show=False, id="codebook.add_theme"),
    Binding("r", "rename", "Rename", id="codebook.rename"),
    Binding("c", "recolour", "Colour", id="codebook.recolour"),
    Binding("e", "describe", "Describe", id="codebook.describe"),
    Binding("K,shift+up", "move(-1)", "Move up", id="codebook.up", key_display="⇧↑"),
    Binding("J,shift+down", "move(1)", "Move down", id="codebook.down", key_display="⇧↓"),
    Binding("p", "reparent", "Move under", show=False, id="codebook.reparent"),
    Binding("M", "merge", "Merge into", id="codebook.merge"),
    Binding("w", "write", "Write YAML", id="codebook.write"),
    Binding("ctrl+z", "undo", "Undo", show=False, id="codebook.undo"),
    Binding("ctrl+y", "redo", "Redo", show=False, id="codebook.redo"),
    Binding("escape", "back", "Back", id="codebook.back"),
]

MATRIX = [
    Binding("enter", "quotes", "Quotes of cell", id="matrix.quotes", key_display="⏎"),
    Binding("r", "switch_rows", "Rows", id="matrix.rows"),
    Binding("c", "switch_cols(1)", "Columns", id="matrix.cols"),
    Binding("C", "switch_cols(-1)", "Columns back", show=False, id="matrix.cols_back"),
    Binding("n", "switch_count", "Count", id="matrix.count"),
    Binding("w", "switch_within", "Passage/turn", id="matrix.within"),
    Binding("escape", "back", "Back", id="matrix.back"),
]

CELL_QUOTES = [
    Binding("enter", "jump", "Go to quote", id="cell_quotes.jump", key_display="⏎"),
    Binding("escape", "back", "Back", id="cell_quotes.back"),
]

SEARCH = [
    Binding("enter", "jump", "Go to passage", id="search.jump", key_display="⏎"),
    Binding("a", "code_hit", "Code sentence", id="search.code"),
    Binding("slash,f", "edit_query", "New search", id="search.query", key_display="/"),
    Binding("escape", "back", "Back", id="search.back"),
]

REVIEW = [
    Binding("a", "keep(0)", "Keep A's", id="review.keep_a"),
    Binding("b", "keep(1)", "Keep B's", id="review.keep_b"),
    *[
        Binding(str(n), f"keep({n - 1})", f"Keep coder {n}'s", show=False, id=f"review.keep{n}")
        for n in range(1, 10)
    ],
    Binding("c", "keep_all", "Both", id="review.keep_all"),
    Binding("n", "keep_none", "Neither", id="review.keep_none"),
    Binding("e", "edit", "Edit range", id="review.edit"),
    Binding("right,j", "step(1)", "Next", id="review.next", key_display="→"),
    Binding("left,k", "step(-1)", "Previous", id="review.previous", key_display="←"),
    Binding("tab", "next_open", "Next open", show=False, id="review.next_open"),
    Binding("ctrl+z", "undo", "Undo", id="review.undo"),
    Binding("ctrl+y", "redo", "Redo", show=False, id="review.redo"),
    Binding("escape", "back", "Back", id="review.back"),
]

HELP = [Binding("escape,q,question_mark", "close", "Close", id="help.close")]

SECTIONS: dict[str, list[Binding]] = {
    "Everywhere": APP,
    "Transcript: move and select": TRANSCRIPT,
    "Coding": CODING,
    "Sources": SOURCES,
    "Quotes": QUOTES,
    "Codebook": CODEBOOK,
    "Matrix": MATRIX,
    "Quotes of a matrix cell": CELL_QUOTES,
    "Search all interviews": SEARCH,
    "Review of disagreements": REVIEW,
}
