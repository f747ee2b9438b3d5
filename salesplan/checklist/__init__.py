"""The express self-assessment of the sales system: the checklist of ``params/checklist.yaml``
(``params``), the head's answers kept in the store (``answers``), the points the data answer
(``evidence``), the score by area and what to do first (``scoring``), and the page (``page``)."""
