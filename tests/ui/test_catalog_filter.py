"""The catalog filter through the filter box, and ticking through the tree's check indicators."""

import json

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QStyle, QStyleOptionViewItem

from tests.core.policies import CLEAN_MULTI_SERVICE as POLICY


def shown(view) -> list[str]:
    proxy = view.proxy
    return [
        proxy.index(r, 0, proxy.index(g, 0)).data()
        for g in range(proxy.rowCount())
        for r in range(proxy.rowCount(proxy.index(g, 0)))
    ]


def click_check(qtbot, view, source: QModelIndex) -> None:
    """Click the check indicator of a row, where a user would."""
    tree = view.tree
    index = view.proxy.mapFromSource(source)
    tree.scrollTo(index)
    option = QStyleOptionViewItem()
    option.initFrom(tree)
    option.rect = tree.visualRect(index)
    option.features |= QStyleOptionViewItem.ViewItemFeature.HasCheckIndicator
    option.index = index
    rect = tree.style().subElementRect(
        QStyle.SubElement.SE_ItemViewItemCheckIndicator, option, tree
    )
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def group(window, title: str) -> QModelIndex:
    model = window.catalog_model
    return model.index(next(i for i, g in enumerate(model.groups) if g.title == title), 0)


def granted(window) -> set[str]:
    names: set[str] = set()
    for statement in json.loads(window.document.state.text)["Statement"]:
        names.update(statement["Action"])
    return names


def test_the_filter_matches_chime_prefixed_names(window, qtbot) -> None:
    qtbot.keyClicks(window.catalog_view.filter, "chime:SendChannelMess")
    assert set(shown(window.catalog_view)) == {"SendChannelMessage"}


def test_the_filter_matches_descriptions(window, qtbot) -> None:
    qtbot.keyClicks(window.catalog_view.filter, "web socket")
    names = set(shown(window.catalog_view))
    assert "Connect" in names and all(
        "web socket" in window.catalog.action(n).description.lower() for n in names
    )


def test_the_filter_says_when_nothing_matches(window, qtbot) -> None:
    view = window.catalog_view
    qtbot.keyClicks(view.filter, "xyzzy")
    assert shown(view) == [] and view.hint.text() == "No action matches \u201cxyzzy\u201d."
    view.filter.clear()
    assert "Tick a persona" in view.hint.text()


def test_a_persona_row_ticks_only_what_the_filter_shows(window, qtbot) -> None:
    view = window.catalog_view
    qtbot.keyClicks(view.filter, "flow")
    assert "A persona row ticks only the actions shown" in view.hint.text()
    admin = group(window, "App-instance administrator")
    visible = {
        a.name
        for a in window.catalog_model.groups[admin.row()].actions
        if "flow" in (a.name + a.description).lower()
    }
    click_check(qtbot, view, admin)
    assert granted(window) == {f"chime:{n}" for n in visible}
    assert "chime:DeleteAppInstance" not in granted(window)
    assert window.catalog_model.data(admin, Qt.ItemDataRole.CheckStateRole) == (
        Qt.CheckState.PartiallyChecked
    )


def test_clicking_an_actions_check_indicator_ticks_it_in_place(window, qtbot) -> None:
    model = window.catalog_model
    admin = group(window, "App-instance administrator")
    row = next(
        i for i, a in enumerate(model.groups[admin.row()].actions) if a.name == "DeleteAppInstance"
    )
    window.catalog_view.tree.expand(window.catalog_view.proxy.mapFromSource(admin))
    click_check(qtbot, window.catalog_view, model.index(row, 0, admin))
    assert granted(window) == {"chime:DeleteAppInstance"}


def test_unticking_what_a_wildcard_grants_says_why_it_stays(window, qtbot, tmp_path) -> None:
    path = tmp_path / "wild.json"
    path.write_text(POLICY, encoding="utf-8")
    window.open_path(str(path))
    model = window.catalog_model
    other = group(window, "Full user")
    row = next(
        i for i, a in enumerate(model.groups[other.row()].actions) if a.name == "ListChannels"
    )
    window.catalog_view.tree.expand(window.catalog_view.proxy.mapFromSource(other))
    click_check(qtbot, window.catalog_view, model.index(row, 0, other))
    assert window.document.state.text == POLICY
    assert window.banner.isVisible() and "still granted by a wildcard" in window.banner.text()
