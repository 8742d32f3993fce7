"""Generated agents.csv files that vary what a CSV reader can get wrong:
quoted fields holding commas, quotes, LF and CRLF, spaces around fields and
quotes, blank lines, CRLF or LF line ends, no line end at the end, and now
and then a stray quote, CR, comma or line end put in anywhere. Deterministic
for a seed."""

import random


def _field(rng):
    if rng.random() < 0.4:
        text = "".join(rng.choice(["a", " ", "总", "b", "\t", "\x07"])
                       for _ in range(rng.randint(0, 5)))
        return rng.choice(["", " ", "  "]) + text + rng.choice(["", " "])
    quoted = "".join(rng.choice(["a", " ", ",", '""', "\n", "\r\n", "总", "x"])
                     for _ in range(rng.randint(0, 6)))
    return rng.choice(["", " "]) + '"' + quoted + '"' + rng.choice(["", " ", "  "])


def agents_csv(rng):
    lines = [rng.choice(["agent_id,sponsor_id,name", ' agent_id , "sponsor_id",name',
                         '"agent_id",sponsor_id,"name"']), "T,,x"]
    for i in range(rng.randint(0, 8)):
        if rng.random() < 0.1:
            lines.append(rng.choice(["", " ", "  ", "\r"]))
            continue
        sponsor = rng.choice(["T", " T ", '"T"', f"A{i - 1}" if i else "T"])
        lines.append(f"A{i},{sponsor},{_field(rng)}")
    end = rng.choice(["\n", "\r\n"])
    text = end.join(lines) + rng.choice(["", end, end + end, " "])
    for _ in range(rng.choice([0, 0, 0, 1, 2])):
        at = rng.randrange(len(text))
        text = text[:at] + rng.choice(['"', "\r", ",", "\n"]) + text[at:]
    return text


def variations(seed, count):
    """`count` agents.csv texts."""
    rng = random.Random(seed)
    return [agents_csv(rng) for _ in range(count)]
