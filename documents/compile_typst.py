"""Compile a Typst template to PDF in a process of its own, run by documents/typesetting.py:

    python compile_typst.py TEMPLATE FONTS NAME TIMESTAMP PDF_STANDARD < JSON  > PDF

The template reads the JSON as sys.inputs.NAME; PDF_STANDARD is "a-2b" for an archival PDF/A-2b, or empty.

typst-py keeps every layout it made for the life of its process and never evicts them (some 180 MiB
per 1,000 certificates): a process per document gives that memory back when the document is done,
for 60 ms of start-up. Only Typst is imported here, not Django.
"""

import sys

import typst


def main():
    template, fonts, name, timestamp, standard = sys.argv[1:]
    pdf = typst.compile(template, font_paths=[fonts], ignore_system_fonts=True, sys_inputs={name: sys.stdin.read()},
                        timestamp=int(timestamp), pdf_standards=[standard] if standard else [])
    sys.stdout.buffer.write(pdf)


if __name__ == "__main__":
    main()
