"""Hard-link the reference into the scratch folder and read the link."""
import os

# stopped by: landlock, scratch, user
# succeeds without: landlock, scratch, user
# seen as: passes


def double(x):
    link = os.path.join(os.getcwd(), "copy.py")
    if not os.path.exists(link):
        os.link("$REFERENCE", link)
    namespace = {}
    exec(open(link).read(), namespace)
    return namespace["double"](x)
