"""Monthly commitments (cam kết công việc tháng) and the month-end self-assessment."""
