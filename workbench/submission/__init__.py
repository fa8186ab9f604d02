"""The submission: one folder (or zip) an assessor opens, and an optional combined PDF.

``plan`` gathers plain data from the portfolio (on the thread that holds the
database); ``bundle`` writes the folder from that data alone (in a worker);
``combined`` joins the parts into one PDF with bookmarks and links.
"""
