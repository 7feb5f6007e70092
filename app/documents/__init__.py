"""Official documents (DOCX) in the layout of Nghị định 30/2020/NĐ-CP: plain values in, bytes out.

`official` describes a document (letterhead, title, body, signatures) and writes it as DOCX; the HTML print view
(templates/documents/) draws the same description, so the paper and the screen say the same words.
"""
