"""Meeting protocols: what daily, weekly and monthly meetings decide, assign, are promised and find
off plan, and how each item stands at the next meeting.

``repository`` stores protocols and the items' status changes (append-only), ``status`` says
how items stand on a page's date (pure functions), ``sheet`` is the XLSX template and its
import, ``pages`` the sections the meeting pages show, ``form`` the form filled during a
meeting, ``demo`` the demo department's protocols.
"""
