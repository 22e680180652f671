# An exception raised while another is handled reports both, oldest first; `from`
# marks the first as the direct cause instead.
def parse_port(text):
    try:
        return int(text)
    except ValueError as err:
        raise RuntimeError(f"bad port {text!r}") from err


def read_config(lines):
    settings = {}
    for line in lines:
        key, value = line.split("=")
        settings[key] = value
    return settings


try:
    read_config(["host=example", "port"])
except ValueError:
    print("handled:", parse_port("80"))
    parse_port("eighty")
