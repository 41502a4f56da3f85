"""multicall.errors quoting, against GNU's messages for the same names."""
import pytest
from hypothesis import given, settings, strategies as st

NAMES = ["plain", "a b", "é", "é b", "é\udcff", "\u00a0", "\u200b", "\u2028", "\ue000",
         "é'", "it's", "~x", "x\ty", "$x", "\udcff", "a'\udcff", "\udcff'", "\udcff\udcfe",
         "x\udcffy", "'", "\n", "a\"b", "a\\b'", "a~", "#a", "a#", "a:b", "a=b", "a^", "a{}]", "a!", "a*"]


@pytest.mark.parametrize("locale", ["C", "C.UTF-8"])
@pytest.mark.parametrize("name", NAMES, ids=ascii)
def test_file_name_quoting_matches_gnu(same_as_gnu, tmp_path, name, locale):
    arg = name.encode("utf-8", "surrogateescape")
    env = {"LC_ALL": locale}
    same_as_gnu("cat", arg, env=env, cwd=str(tmp_path))          # quotef: bare when safe
    same_as_gnu("head", "-c1", arg, env=env, cwd=str(tmp_path))  # quoteaf: always quoted
    same_as_gnu("sort", "--sort=" + name, env=env)               # quote(): argmatch's value


@settings(max_examples=40)
@given(st.lists(st.sampled_from(["a", " ", "'", "#", ":", "=", "]", "*", "{", "~", '"', "$", "\\", "é", "\udcff", "\t", "~", "\u00a0"]),
                min_size=1, max_size=6).map("".join))
def test_generated_names_match_gnu(same_as_gnu, name):
    for locale in ("C", "C.UTF-8"):
        same_as_gnu("cat", name.encode("utf-8", "surrogateescape"), env={"LC_ALL": locale})
