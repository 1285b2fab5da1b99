"""Every key binding of the app, in one place, each with an id (for keymaps) and a description.

The help screen and the command palette are generated from these lists, so what they show is
what the keys do.
"""

from __future__ import annotations

from textual.binding import Binding

from qualcoder_vs.i18n import N_

APP = [
    Binding("question_mark,f1", "app.help", N_("Help"), id="app.help", key_display="?"),
    Binding("q", "app.quit", N_("Quit"), id="app.quit"),
    Binding("f2", "app.sources", N_("Sources"), id="app.sources"),
    Binding("f4", "app.quotes", N_("Quotes"), id="app.quotes"),
    Binding("f5", "app.codebook", N_("Codebook"), id="app.codebook"),
    Binding("f6", "app.matrix", N_("Matrix"), id="app.matrix"),
    Binding("f7", "app.search_all", N_("Search all"), id="app.search_all"),
    Binding("f8", "app.review", N_("Review"), show=False, id="app.review"),
]

# Moving and selecting in the transcript; shift extends the selection.
TRANSCRIPT = [
    Binding("left", "move_char(-1)", N_("Character left"), show=False, id="text.left"),
    Binding("right", "move_char(1)", N_("Character right"), show=False, id="text.right"),
    Binding("shift+left", "move_char(-1, True)", N_("Extend left"), show=False, id="text.x_left"),
    Binding("shift+right", "move_char(1, True)", N_("Extend right"), show=False, id="text.x_right"),
    Binding("up", "move_row(-1)", N_("Line up"), show=False, id="text.up"),
    Binding("down", "move_row(1)", N_("Line down"), show=False, id="text.down"),
    Binding("shift+up", "move_row(-1, True)", N_("Extend up"), show=False, id="text.x_up"),
    Binding("shift+down", "move_row(1, True)", N_("Extend down"), show=False, id="text.x_down"),
    Binding("ctrl+left", "move_word(-1)", N_("Word left"), show=False, id="text.word_left"),
    Binding("ctrl+right", "move_word(1)", N_("Word right"), show=False, id="text.word_right"),
    Binding(
        "ctrl+shift+left", "move_word(-1, True)", N_("Extend word left"), show=False, id="text.x_wl"
    ),
    Binding(
        "ctrl+shift+right",
        "move_word(1, True)",
        N_("Extend word right"),
        show=False,
        id="text.x_wr",
    ),
    Binding(
        "alt+left,left_parenthesis",
        "move_sentence(-1)",
        N_("Sentence back"),
        show=False,
        id="text.sentence_back",
    ),
    Binding(
        "alt+right,right_parenthesis",
        "move_sentence(1)",
        N_("Sentence forward"),
        show=False,
        id="text.sentence_forward",
    ),
    Binding(
        "alt+shift+left",
        "move_sentence(-1, True)",
        N_("Extend sentence back"),
        show=False,
        id="text.x_sb",
    ),
    Binding(
        "alt+shift+right",
        "move_sentence(1, True)",
        N_("Extend sentence forward"),
        show=False,
        id="text.x_sf",
    ),
    Binding(
        "ctrl+up,left_curly_bracket",
        "move_turn(-1)",
        N_("Turn back"),
        show=False,
        id="text.turn_back",
    ),
    Binding(
        "ctrl+down,right_curly_bracket",
        "move_turn(1)",
        N_("Turn forward"),
        show=False,
        id="text.turn_forward",
    ),
    Binding(
        "ctrl+shift+up", "move_turn(-1, True)", N_("Extend turn back"), show=False, id="text.x_tb"
    ),
    Binding(
        "ctrl+shift+down",
        "move_turn(1, True)",
        N_("Extend turn forward"),
        show=False,
        id="text.x_tf",
    ),
    Binding("home", "line_edge(-1)", N_("Start of line"), show=False, id="text.home"),
    Binding("end", "line_edge(1)", N_("End of line"), show=False, id="text.end"),
    Binding(
        "shift+home", "line_edge(-1, True)", N_("Extend to line start"), show=False, id="text.x_h"
    ),
    Binding("shift+end", "line_edge(1, True)", N_("Extend to line end"), show=False, id="text.x_e"),
    Binding("ctrl+home", "document_edge(-1)", N_("Start of interview"), show=False, id="text.top"),
    Binding("ctrl+end", "document_edge(1)", N_("End of interview"), show=False, id="text.bottom"),
    Binding("pageup", "page(-1)", N_("Page up"), show=False, id="text.page_up"),
    Binding("pagedown", "page(1)", N_("Page down"), show=False, id="text.page_down"),
    Binding("shift+pageup", "page(-1, True)", N_("Extend page up"), show=False, id="text.x_pu"),
    Binding("shift+pagedown", "page(1, True)", N_("Extend page down"), show=False, id="text.x_pd"),
    Binding("s", "select_sentence", N_("Sentence"), id="text.select_sentence"),
    Binding("t", "select_turn", N_("Turn"), id="text.select_turn"),
    Binding("escape", "clear_selection", N_("Clear selection"), show=False, id="text.clear"),
]

CODING = [
    Binding("enter,a", "apply", N_("Code"), id="coding.apply", key_display="⏎"),
    *[
        Binding(
            str(n),
            f"apply_recent({n})",
            N_("Apply a recent code"),
            show=False,
            id=f"coding.recent{n}",
        )
        for n in range(1, 10)
    ],
    Binding("x,delete", "remove", N_("Uncode"), id="coding.remove"),
    Binding("m", "memo", N_("Memo"), id="coding.memo"),
    Binding("i", "important", N_("Important"), id="coding.important"),
    Binding("o", "other_coding", N_("Next coding here"), show=False, id="coding.other"),
    Binding("ctrl+z", "undo", N_("Undo"), id="coding.undo"),
    Binding("ctrl+y", "redo", N_("Redo"), show=False, id="coding.redo"),
    Binding("slash", "search", N_("Search"), id="coding.search", key_display="/"),
    Binding("n", "search_next(1)", N_("Next hit"), show=False, id="coding.search_next"),
    Binding("N", "search_next(-1)", N_("Previous hit"), show=False, id="coding.search_previous"),
    Binding("u", "next_uncoded", N_("Next uncoded"), id="coding.next_uncoded"),
    Binding("c", "next_of_code", N_("Next of code"), show=False, id="coding.next_of_code"),
    Binding("v", "toggle_mine", N_("Mine/all"), show=False, id="coding.toggle_mine"),
    Binding("f", "filter_codes", N_("Find code"), show=False, id="coding.filter_codes"),
    Binding("g", "suggestions", N_("Suggestions"), id="coding.suggestions"),
    Binding("y", "accept_suggestion", N_("Accept sugg."), show=False, id="coding.accept"),
    Binding("r", "reject_suggestion", N_("Reject sugg."), show=False, id="coding.reject"),
    Binding("escape", "back", N_("Back"), show=False, id="coding.back"),
]

SOURCES = [
    Binding("enter", "open", N_("Open"), id="sources.open", key_display="⏎"),
    Binding("slash,f", "filter", N_("Filter"), id="sources.filter", key_display="/"),
    Binding("escape", "clear_filter", N_("Clear filter"), show=False, id="sources.clear"),
]

QUOTES = [
    Binding("enter", "jump", N_("Go to quote"), id="quotes.jump", key_display="⏎"),
    Binding("slash,f", "filter", N_("Filter"), id="quotes.filter", key_display="/"),
    Binding("k", "choose_code", N_("Code/theme"), id="quotes.choose"),
    Binding("escape", "back", N_("Back"), id="quotes.back"),
]

CODEBOOK = [
    Binding("a", "add_code", N_("Add code"), id="codebook.add"),
    Binding("A", "add_theme", N_("Add theme"), show=False, id="codebook.add_theme"),
    Binding("r", "rename", N_("Rename"), id="codebook.rename"),
    Binding("c", "recolour", N_("Colour"), id="codebook.recolour"),
    Binding("e", "describe", N_("Describe"), id="codebook.describe"),
    Binding("i", "edit_list('include')", N_("Include"), id="codebook.include"),
    Binding("x", "edit_list('exclude')", N_("Exclude"), id="codebook.exclude"),
    Binding("k", "edit_list('keywords')", N_("Keywords"), id="codebook.keywords"),
    Binding("E", "edit_list('examples')", N_("Examples"), id="codebook.examples"),
    Binding("K,shift+up", "move(-1)", N_("Move up"), id="codebook.up", key_display="⇧↑"),
    Binding("J,shift+down", "move(1)", N_("Move down"), id="codebook.down", key_display="⇧↓"),
    Binding("p", "reparent", N_("Move under"), show=False, id="codebook.reparent"),
    Binding("M", "merge", N_("Merge into"), id="codebook.merge"),
    Binding("w", "write", N_("Write YAML"), id="codebook.write"),
    Binding("ctrl+z", "undo", N_("Undo"), show=False, id="codebook.undo"),
    Binding("ctrl+y", "redo", N_("Redo"), show=False, id="codebook.redo"),
    Binding("escape", "back", N_("Back"), id="codebook.back"),
]

MATRIX = [
    Binding("enter", "quotes", N_("Quotes of cell"), id="matrix.quotes", key_display="⏎"),
    Binding("r", "switch_rows", N_("Rows"), id="matrix.rows"),
    Binding("c", "switch_cols(1)", N_("Columns"), id="matrix.cols"),
    Binding("C", "switch_cols(-1)", N_("Columns back"), show=False, id="matrix.cols_back"),
    Binding("n", "switch_count", N_("Count"), id="matrix.count"),
    Binding("w", "switch_within", N_("Passage/turn"), id="matrix.within"),
    Binding("escape", "back", N_("Back"), id="matrix.back"),
]

CELL_QUOTES = [
    Binding("enter", "jump", N_("Go to quote"), id="cell_quotes.jump", key_display="⏎"),
    Binding("escape", "back", N_("Back"), id="cell_quotes.back"),
]

SEARCH = [
    Binding("enter", "jump", N_("Go to passage"), id="search.jump", key_display="⏎"),
    Binding("a", "code_hit", N_("Code sentence"), id="search.code"),
    Binding("slash,f", "edit_query", N_("New search"), id="search.query", key_display="/"),
    Binding("escape", "back", N_("Back"), id="search.back"),
]

REVIEW = [
    Binding("a", "keep(0)", N_("Keep A's"), id="review.keep_a"),
    Binding("b", "keep(1)", N_("Keep B's"), id="review.keep_b"),
    *[
        Binding(str(n), f"keep({n - 1})", N_("Keep this coder's"), show=False, id=f"review.keep{n}")
        for n in range(1, 10)
    ],
    Binding("c", "keep_all", N_("Both"), id="review.keep_all"),
    Binding("n", "keep_none", N_("Neither"), id="review.keep_none"),
    Binding("e", "edit", N_("Edit range"), id="review.edit"),
    Binding("right,j", "step(1)", N_("Next"), id="review.next", key_display="→"),
    Binding("left,k", "step(-1)", N_("Previous"), id="review.previous", key_display="←"),
    Binding("tab", "next_open", N_("Next open"), show=False, id="review.next_open"),
    Binding("ctrl+z", "undo", N_("Undo"), id="review.undo"),
    Binding("ctrl+y", "redo", N_("Redo"), show=False, id="review.redo"),
    Binding("escape", "back", N_("Back"), id="review.back"),
]

HELP = [Binding("escape,q,question_mark", "close", N_("Close"), id="help.close")]

# The row tables of the sources and quotes screens.
ROW_TABLE = [
    Binding("up", "move(-1)", N_("Row up"), show=False, id="table.up"),
    Binding("down", "move(1)", N_("Row down"), show=False, id="table.down"),
    Binding("pageup", "page(-1)", N_("Page up"), show=False, id="table.page_up"),
    Binding("pagedown", "page(1)", N_("Page down"), show=False, id="table.page_down"),
    Binding("home", "edge(-1)", N_("First row"), show=False, id="table.first"),
    Binding("end", "edge(1)", N_("Last row"), show=False, id="table.last"),
    Binding("enter", "select", N_("Open the row"), show=False, id="table.select"),
]

# The codebook beside the transcript (after f or tab).
CODE_LIST = [
    Binding("down", "cursor(1)", N_("Next code"), show=False, id="codes.down"),
    Binding("up", "cursor(-1)", N_("Previous code"), show=False, id="codes.up"),
    Binding("escape", "leave", N_("Back to the text"), show=False, id="codes.leave"),
]

# The suggestions beside the transcript (after g).
SUGGESTION_LIST = [
    Binding("y,enter", "accept", N_("Accept this suggestion"), id="suggestions.accept"),
    Binding("r", "reject", N_("Reject this suggestion"), id="suggestions.reject"),
    Binding("escape", "leave", N_("Back to the text"), id="suggestions.leave"),
]

PICKER = [
    Binding("escape", "cancel", N_("Cancel"), id="picker.cancel"),
    Binding("down", "cursor(1)", N_("Next"), show=False, id="picker.down"),
    Binding("up", "cursor(-1)", N_("Previous"), show=False, id="picker.up"),
    Binding("tab", "toggle", N_("Mark"), show=False, priority=True, id="picker.mark"),
]

PROMPT = [Binding("escape", "cancel", N_("Cancel"), id="prompt.cancel")]

MEMO = [
    Binding("ctrl+s", "save", N_("Save"), priority=True, id="memo.save"),
    Binding("escape", "cancel", N_("Cancel"), priority=True, id="memo.cancel"),
]

CONFIRM = [
    Binding("y,enter", "answer(True)", N_("Yes"), id="confirm.yes"),
    Binding("n,escape", "answer(False)", N_("No"), id="confirm.no"),
]

SECTIONS: dict[str, list[Binding]] = {
    N_("Everywhere"): APP,
    N_("Transcript: move and select"): TRANSCRIPT,
    N_("Coding"): CODING,
    N_("Codebook beside the text"): CODE_LIST,
    N_("Suggestions beside the text"): SUGGESTION_LIST,
    N_("Sources"): SOURCES,
    N_("Quotes"): QUOTES,
    N_("Tables (sources, quotes)"): ROW_TABLE,
    N_("Codebook"): CODEBOOK,
    N_("Code picker"): PICKER,
    N_("Text prompt"): PROMPT,
    N_("Memo editor"): MEMO,
    N_("Yes or no"): CONFIRM,
    N_("Matrix"): MATRIX,
    N_("Quotes of a matrix cell"): CELL_QUOTES,
    N_("Search all interviews"): SEARCH,
    N_("Review of disagreements"): REVIEW,
    N_("Help"): HELP,
}


def binding_ids() -> set[str]:
    """Every binding id, the names a keymap file may use."""
    return {b.id for bindings in SECTIONS.values() for b in bindings if b.id}
