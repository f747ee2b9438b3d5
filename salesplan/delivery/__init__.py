"""Delivery of a month's pack by e-mail (``salesplan send``).

``params`` reads ``params/delivery.yaml`` (the mail server, the sender, the departments'
addresses; ``addresses`` says what an address looks like); ``parcels`` finds in the pack what
goes to whom — each manager's folder ``personal/<safe_name(id)>/`` to the manager, ``team/`` to
the department; ``message`` words a parcel as an e-mail; ``mailer`` hands the messages to the
server over SMTP and logs each in the ``deliveries`` table, so that a run again sends only what
has not gone yet; ``sending`` is one run of ``salesplan send`` and what it tells.
"""
