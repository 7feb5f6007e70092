"""Yearly emulation registration (đăng ký thi đua) of each person and of the unit."""
