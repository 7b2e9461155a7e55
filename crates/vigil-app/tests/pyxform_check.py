"""Vigil's XForm read by pyxform, ODK's own XLSForm-to-XForm library.

    python pyxform_check.py FORM.xml

pyxform reads the XForm back into its survey model
(pyxform.xform2json.create_survey_element_from_xml, which refuses a
document without html/head/title/model/bind/body), then writes it out
again as an XForm from that model (Survey.to_xml, pyxform's own checks,
without ODK Validate, which is Java and downloaded). Prints, as JSON,
what pyxform understood: the form's id, its public key if any, each
question's name, type and choices, and the questions of the XForm pyxform
wrote. The Rust test (tests/pyxform.rs) holds these to the form.
"""

import json
import sys
import xml.etree.ElementTree as ET

from pyxform.xform2json import create_survey_element_from_xml


def questions(element):
    out = []
    for child in getattr(element, "children", []) or []:
        kind = getattr(child, "type", None)
        if kind in ("group", "repeat"):
            out.extend(questions(child))
            continue
        choices = getattr(child, "choices", None) or []
        if hasattr(choices, "options"):
            choices = choices.options
        out.append(
            {
                "name": child.name,
                "type": kind,
                "choices": [getattr(c, "name", None) or (c.get("name") if isinstance(c, dict) else str(c)) for c in choices],
            }
        )
    return out


def main(path):
    survey = create_survey_element_from_xml(path)
    written = survey.to_xml(validate=False, pretty_print=False)
    root = ET.fromstring(written)
    xf = "{http://www.w3.org/2002/xforms}"
    model = root.find(f".//{xf}model")
    main_instance = model.find(f"{xf}instance")
    data = list(main_instance)[0]
    json.dump(
        {
            "id_string": survey.id_string,
            "public_key": getattr(survey, "public_key", None),
            "questions": questions(survey),
            "written_id": data.get("id"),
            "written_fields": [c.tag.split("}")[-1] for c in data],
            "written_binds": len(model.findall(f"{xf}bind")),
        },
        sys.stdout,
    )


if __name__ == "__main__":
    main(sys.argv[1])
