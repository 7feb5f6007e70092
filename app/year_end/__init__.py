"""The year end: each person's year and titles with their reasons, the unit's titles, the what-if, the Hoàn thành
xuất sắc quota decided by the leaders, the bình xét meeting, and the downloads of the year's documents."""
