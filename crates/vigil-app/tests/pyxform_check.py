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

from pyxform.errors import PyXFormError
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


def without_file_uploads(path):
    """The form without its `application/*` uploads and their binds.

    pyxform writes XLSForm's `file` type as <upload mediatype="application/*">
    but its reader (xform2json, 4.5.0) takes the media type's first half as
    the question type and refuses 'application': it cannot read its own file
    questions back. So, when it refuses exactly that, the form is read again
    without them, and their names are reported as not read.
    """
    ET.register_namespace("", "http://www.w3.org/2002/xforms")
    for prefix, uri in [
        ("h", "http://www.w3.org/1999/xhtml"),
        ("jr", "http://openrosa.org/javarosa"),
        ("orx", "http://openrosa.org/xforms"),
        ("odk", "http://www.opendatakit.org/xforms"),
        ("xsd", "http://www.w3.org/2001/XMLSchema"),
    ]:
        ET.register_namespace(prefix, uri)
    tree = ET.parse(path)
    xf = "{http://www.w3.org/2002/xforms}"
    removed = []
    for parent in tree.iter():
        for child in list(parent):
            if child.tag == f"{xf}upload" and child.get("mediatype", "").startswith("application/"):
                removed.append(child.get("ref"))
                parent.remove(child)
    for parent in tree.iter():
        for child in list(parent):
            if child.tag == f"{xf}bind" and child.get("nodeset") in removed:
                parent.remove(child)
    out = path + ".without-files.xml"
    tree.write(out, encoding="utf-8", xml_declaration=True)
    return out, [r.rsplit("/", 1)[-1] for r in removed]


def main(path):
    not_read = []
    try:
        survey = create_survey_element_from_xml(path)
    except PyXFormError as e:
        if "Unknown question type 'application'" not in str(e):
            raise
        stripped, not_read = without_file_uploads(path)
        survey = create_survey_element_from_xml(stripped)
    written = survey.to_xml(validate=False, pretty_print=False)
    root = ET.fromstring(written)
    xf = "{http://www.w3.org/2002/xforms}"
    model = root.find(f".//{xf}model")
    main_instance = model.find(f"{xf}instance")
    data = list(main_instance)[0]
    json.dump(
        {
            "id_string": survey.id_string,
            "not_read": not_read,
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
