import re
from tests.views.test_classic_holes import *  # noqa
from tests.views.test_review_editor import shown, GOOD

def test_dbg(app, unit):
    client = app.test_client()
    login(client, "head")
    form = {**shown(client, unit.org.staff), **GOOD}
    print({k: v for k, v in form.items() if not k.startswith("was_")})
    r = client.post(f"/reviews/2026/11/people/{unit.org.staff}", headers=HX, data=form)
    print(re.findall(r'-error">([^<]+)<', r.get_data(as_text=True)))
