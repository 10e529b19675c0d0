// The filled map's part of ECharts, loaded only when an admin uploaded a GeoJSON.
import { MapChart } from 'echarts/charts';
import { VisualMapComponent } from 'echarts/components';
import { echarts } from './charts.js';

echarts.use([MapChart, VisualMapComponent]);
export { echarts };
