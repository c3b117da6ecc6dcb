declare module 'virtual:tournee-basemap' {
  const data: import('../../vite/basemap-plugin.ts').BasemapData;
  export default data;
}
