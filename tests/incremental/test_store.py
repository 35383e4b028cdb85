"""The records' store (migrate.incremental.store): texts read back by span, appended to while most of
the file is still named, written anew when not; bytes no record names (a killed run's) cost only space."""

from __future__ import annotations

from pathlib import Path

from migrate.incremental.store import Store


def _open(out: Path, generation: str = "") -> Store:
    (out / ".migrate").mkdir(parents=True, exist_ok=True)
    return Store(out, generation)


def test_texts_come_back_by_span_and_an_append_keeps_the_others_where_they_were(tmp_path: Path) -> None:
    store = _open(tmp_path)
    first = store.save(["één", '{"a": 1}', "x" * 100])
    assert [store.read(s) for s in first] == ["één", '{"a": 1}', "x" * 100]
    generation = store.generation
    again = Store(tmp_path, generation)  # the next run
    spans = again.save([first[0], "new", first[2]])
    assert again.generation == generation and spans[0] == first[0] and spans[2] == first[2]
    assert [again.read(s) for s in spans] == ["één", "new", "x" * 100]
    again.close()
    store.close()


def test_a_mostly_dead_file_is_written_anew_and_the_old_generation_dropped(tmp_path: Path) -> None:
    store = _open(tmp_path)
    spans = store.save(["a" * 1000, "b" * 10])
    old = store.generation
    spans = store.save([spans[1], "c"])  # 11 of 1,011 bytes still named
    assert store.generation != old and [store.read(s) for s in spans] == ["b" * 10, "c"]
    store.drop_others()
    assert [p.name for p in (tmp_path / ".migrate").iterdir()] == [f"records-{store.generation}.store"]
    store.close()


def test_bytes_a_killed_run_appended_are_never_read_and_spans_are_checked(tmp_path: Path) -> None:
    store = _open(tmp_path)
    spans = store.save(["kept", "also kept"])
    with (tmp_path / ".migrate" / f"records-{store.generation}.store").open("ab") as fh:
        fh.write(b"half a te")  # a run killed mid-append: no record names these bytes
    again = Store(tmp_path, store.generation)
    more = again.save([spans[0], spans[1], "next"])
    assert [again.read(s) for s in more] == ["kept", "also kept", "next"]
    assert not again.holds([0, 10**9]) and not again.holds([-1, 2]) and not again.holds("0,4")
    assert not Store(tmp_path, "../../etc/passwd").holds([0, 1])  # a generation is 16 hex digits or none
    again.close()
    store.close()
