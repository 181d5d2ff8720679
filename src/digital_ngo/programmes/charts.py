"""A server-side SVG line chart of the roll-up over time (drawn by a template, with a table)."""

from dataclasses import dataclass
from datetime import date
from fractions import Fraction

WIDTH, HEIGHT, LEFT, TOP, BOTTOM = 640, 240, 40, 10, 30


@dataclass
class Point:
    day: date
    value: float
    x: float
    y: float


@dataclass
class LineChart:
    key: str
    title: str
    points: list[Point]
    width: int = WIDTH
    height: int = HEIGHT

    @property
    def polyline(self) -> str:
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.points)

    @property
    def gridlines(self) -> list[tuple[int, float]]:
        return [(v, _y(v)) for v in (0, 25, 50, 75, 100)]

    @property
    def ticks(self) -> list[Point]:
        """About six dated ticks along the x axis."""
        step = max(1, len(self.points) // 6)
        return self.points[::step]


def _y(value: float) -> float:
    return TOP + (HEIGHT - TOP - BOTTOM) * (1 - value / 100)


def line_chart(key: str, title: str, days: list[date], values: list[Fraction | None]) -> LineChart:
    """Place each month's roll-up (0–100) on the chart; months with no task are left out."""
    span = max(1, len(days) - 1)
    points = [
        Point(day, float(value), LEFT + (WIDTH - LEFT - 10) * i / span, _y(float(value)))
        for i, (day, value) in enumerate(zip(days, values, strict=False))
        if value is not None
    ]
    return LineChart(key, title, points)
