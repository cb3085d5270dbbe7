"""Pattern pseudonymisation of notes (the first layer; names come in issue 4)."""
from pipeline.config import load_params
from pipeline.privacy import Pseudonymiser


def _p():
    return Pseudonymiser(load_params().privacy.phone_regions, {"116111", "1098"})


def test_contacts_are_replaced_with_consistent_tokens():
    p = _p()
    text = ("Write to lena.k.2009@mailbox.example or call +34 612 345 678, "
            "my insta is @sunny_girl_09 https://instagram.com/maria.fake.profile. "
            "Again: lena.k.2009@mailbox.example")
    out, n = p(text)
    assert n == 5
    for leaked in ("lena.k", "612 345", "sunny_girl", "maria.fake"):
        assert leaked not in out
    assert out.count("[EMAIL_1]") == 2 and "[PHONE_1]" in out and "[HANDLE_1]" in out
    assert "[URL_1]" in out


def test_local_numbers_in_several_formats():
    p = _p()
    for text in ("text me on 07700 900123", "mon numéro 0612345678", "ruf an: +49 151 2345 6789"):
        out, n = p(text)
        assert n == 1 and "[PHONE_" in out, (text, out)


def test_public_helpline_numbers_stay():
    out, n = _p()("I called 116 111 and later 1098, both free.")
    assert n == 0 and "116 111" in out and "1098" in out


def test_key_lists_every_token_once():
    p = _p()
    p("a@b.example and c@d.example and a@b.example")
    key = p.key_csv().splitlines()
    assert key[0] == '"token","kind","value"' and len(key) == 3
